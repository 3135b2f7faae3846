#!/bin/sh
# guard.sh COMMAND [ARG...]: runs COMMAND (a Kafka node's JVM) until it
# exits, or until this script's standard input closes. The harness starts
# every node through it with a pipe on stdin that only the harness holds: if
# the Node process that started the broker dies without stopping it (a test
# worker that crashed or was killed), the pipe closes and the JVM is killed
# instead of running on as an orphan that holds ports and memory. So closing
# stdin is also how the harness kills a node (SIGKILL); a SIGTERM sent here
# is passed on for Kafka's clean shutdown. Exits with the command's status.
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
(read -r _ <&3; kill -KILL "$child" 2>/dev/null) &
watcher=$!
while :; do
  wait "$child"
  status=$?
  # wait also returns when a trapped signal arrives: go on until the command is gone.
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
exit "$status"
