-- 015 work order SLA keys: the drill-down lists sort every order of the
-- history most urgent first (overdue, at risk, nearest deadline), and judging
-- each of 100,000+ orders with the milestone conditions of
-- server/sla/workorder-sla.ts took most of the list's time. Two things of that
-- judgement do not depend on now, so they are stored with each row:
-- sla_next_due_ms, the nearest pending deadline (epoch ms; NEAREST_DUE_MS_SQL),
-- and sla_risk_from_ms, the first millisecond at which a pending deadline is
-- at risk (riskFromMsSql(AT_RISK_FRACTION); the 0.2 below is that fraction).
-- A list then judges an order by comparing them with now. The expressions
-- are the module's own, written out; tests/workorder-sla-keys.test.ts holds
-- them to it. MATERIALIZED: computed on every insert (the projector's and the
-- open-orders view's), not part of SELECT *, and computed on read for parts
-- written before this migration until MATERIALIZE COLUMN has rewritten them.
ALTER TABLE workorders ADD COLUMN IF NOT EXISTS sla_next_due_ms Nullable(Int64) MATERIALIZED
  nullIf(least(
    if(contacted_at IS NULL AND contact_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(contact_due)), 9223372036854775807),
    if(arrived_at IS NULL AND arrive_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(arrive_due)), 9223372036854775807),
    if(resolved_at IS NULL AND resolve_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(resolve_due)), 9223372036854775807),
    if(callback_at IS NULL AND callback_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(callback_due)), 9223372036854775807)), 9223372036854775807);

ALTER TABLE workorders ADD COLUMN IF NOT EXISTS sla_risk_from_ms Nullable(Int64) MATERIALIZED
  nullIf(least(
    if(contacted_at IS NULL AND contact_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(contact_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(contact_due)))) + 1, 9223372036854775807),
    if(arrived_at IS NULL AND arrive_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(arrive_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(arrive_due)))) + 1, 9223372036854775807),
    if(resolved_at IS NULL AND resolve_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(resolve_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(resolve_due)))) + 1, 9223372036854775807),
    if(callback_at IS NULL AND callback_due IS NOT NULL AND resolved_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(callback_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(resolved_at), assumeNotNull(callback_due)))) + 1, 9223372036854775807)), 9223372036854775807);

ALTER TABLE workorders_open ADD COLUMN IF NOT EXISTS sla_next_due_ms Nullable(Int64) MATERIALIZED
  nullIf(least(
    if(contacted_at IS NULL AND contact_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(contact_due)), 9223372036854775807),
    if(arrived_at IS NULL AND arrive_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(arrive_due)), 9223372036854775807),
    if(resolved_at IS NULL AND resolve_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(resolve_due)), 9223372036854775807),
    if(callback_at IS NULL AND callback_due IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(callback_due)), 9223372036854775807)), 9223372036854775807);

ALTER TABLE workorders_open ADD COLUMN IF NOT EXISTS sla_risk_from_ms Nullable(Int64) MATERIALIZED
  nullIf(least(
    if(contacted_at IS NULL AND contact_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(contact_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(contact_due)))) + 1, 9223372036854775807),
    if(arrived_at IS NULL AND arrive_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(arrive_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(arrive_due)))) + 1, 9223372036854775807),
    if(resolved_at IS NULL AND resolve_due IS NOT NULL AND created_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(resolve_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(created_at), assumeNotNull(resolve_due)))) + 1, 9223372036854775807),
    if(callback_at IS NULL AND callback_due IS NOT NULL AND resolved_at IS NOT NULL, toUnixTimestamp64Milli(assumeNotNull(callback_due)) - toInt64(ceil(0.2 * dateDiff('millisecond', assumeNotNull(resolved_at), assumeNotNull(callback_due)))) + 1, 9223372036854775807)), 9223372036854775807);

ALTER TABLE workorders MATERIALIZE COLUMN sla_next_due_ms SETTINGS mutations_sync = 2;

ALTER TABLE workorders MATERIALIZE COLUMN sla_risk_from_ms SETTINGS mutations_sync = 2;

ALTER TABLE workorders_open MATERIALIZE COLUMN sla_next_due_ms SETTINGS mutations_sync = 2;

ALTER TABLE workorders_open MATERIALIZE COLUMN sla_risk_from_ms SETTINGS mutations_sync = 2;
