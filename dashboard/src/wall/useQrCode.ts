// A QR code as a data: URL (the CSP allows images from data:, nothing
// external), drawn again when the text changes; null until it is ready.
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

export function useQrCode(text: string | null): string | null {
  const [drawn, setDrawn] = useState<{ text: string; url: string } | null>(null)
  useEffect(() => {
    if (text === null) return
    let current = true
    // Dark on white with a quiet zone: phone cameras read that best, even off a wall.
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 480, color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => {
        if (current) setDrawn({ text, url })
      })
      .catch((err: unknown) => console.warn(`QR code not drawn: ${(err as Error).message}`))
    return () => {
      current = false
    }
  }, [text])
  return drawn !== null && drawn.text === text ? drawn.url : null
}
