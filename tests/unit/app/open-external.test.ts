import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl, openExternalUrl } from '../../../electron/core/app/open-external'

describe('opening links outside the app', () => {
  it('lets http and https links through', () => {
    expect(isSafeExternalUrl('https://www.postgresql.org/docs/current/')).toBe(true)
    expect(isSafeExternalUrl('http://localhost:8080/x')).toBe(true)
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'not a url', 'https://user:pw@example.com/'])(
    'refuses %s',
    async (url) => {
      const opened: string[] = []
      expect(await openExternalUrl(url, async (u) => void opened.push(u))).toBe(false)
      expect(opened).toEqual([])
    }
  )
})
