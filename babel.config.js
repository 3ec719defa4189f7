// Taro builds use babel-preset-taro; jest (NODE_ENV=test) uses plain presets, because
// babel-preset-taro's transforms do not suit node/jsdom test runs (see shared/design/taro-notes.md).
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
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  }
}
