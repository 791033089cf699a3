/**
 * Has the browser save what `url` (same origin) serves, under `name`, as a
 * download: the user's own browser decides where it goes.
 */
export function downloadUrl(url: string, name: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}
