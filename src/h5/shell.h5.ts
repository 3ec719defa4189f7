/** h5 only (Taro resolves `@/h5/shell` to this file on h5): the browser shell's own styles. */
import './shell.scss'
