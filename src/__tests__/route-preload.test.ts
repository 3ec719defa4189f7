import { insertBeforeResources } from '../../config/route-preload'

describe("index.html's inline scripts (config/route-preload.ts)", () => {
  const built = '<html><head><title>小哥驿站</title><script>rem()</script><script defer="defer" src="/js/app.js"></script><link href="/css/app.css" rel="stylesheet"></head><body></body></html>'

  it('go before the first stylesheet and external script, so that no stylesheet holds them back', () => {
    const html = insertBeforeResources(built, '<script>early()</script>')
    expect(html).toBe('<html><head><title>小哥驿站</title><script>rem()</script><script>early()</script><script defer="defer" src="/js/app.js"></script><link href="/css/app.css" rel="stylesheet"></head><body></body></html>')
    expect(insertBeforeResources('<head><link rel=stylesheet href=a.css><script src=a.js></script></head>', '<s>')).toBe('<head><s><link rel=stylesheet href=a.css><script src=a.js></script></head>')
  })

  it('at the end of the head when it loads nothing, and never into the body', () => {
    expect(insertBeforeResources('<head><title>t</title></head><body><script src="late.js"></script></body>', '<s>')).toBe('<head><title>t</title><s></head><body><script src="late.js"></script></body>')
  })
})
