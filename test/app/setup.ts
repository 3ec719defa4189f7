// The app project renders the h5 flavour of the components; code that branches on the platform
// sees h5 (platform files `*.h5.ts(x)` win through moduleFileExtensions in jest.config.js).
process.env.TARO_ENV = 'h5'
