/**
 * The demo sign-in exists only in the h5 build served by the local emulator (DevSignIn.h5.tsx).
 * In WeChat the platform supplies the identity, so the weapp build gets these inert stand-ins.
 */
export const DEV_SIGNIN_AVAILABLE = false

export function DevSignInPanel(_props: { onSignedIn: () => void }) {
  return null
}

export function SwitchIdentityButton(_props: { onSignedOut: () => void }) {
  return null
}
