// Taro builds use babel-preset-taro; jest (NODE_ENV=test) uses plain presets, because
// babel-preset-taro's transforms do not suit node/jsdom test runs (see shared/design/taro-notes.md).
/** ES2019+ (optional catch binding; spread, async/await and classes kept as written). */
const H5_TARGETS = { chrome: '80', safari: '14', ios: '14', firefox: '78' }

module.exports = (api) => {
  if (api.env('test')) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }
  }
  // h5 runs in today's phone browsers and WeChat's built-in one (Chromium-based): no ES5 output, no
  // regenerator for async code, smaller and faster to parse. weapp keeps package.json's browserslist
  // (ES5, checked by scripts/check-weapp-syntax.ts).
  const targets = process.env.TARO_ENV === 'h5' ? H5_TARGETS : undefined
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(targets ? { targets } : {}) }]],
  }
}
