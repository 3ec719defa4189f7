/**
 * The demo personas of the local h5 build. The emulator's dev-only sign-in lets a browser act as one
 * of them (it sets the openid the functions see); in WeChat the openid comes from the platform.
 */
export interface Persona {
  openid: string
  label: string
  description?: string
}

export const personas: Persona[] = [
  { openid: 'demo-rider-zhang', label: '骑手 张师傅', description: '美团外卖骑手，已认证，在新和平社区一带送餐' },
  { openid: 'demo-rider-li', label: '骑手 李小哥', description: '顺丰快递员，刚注册，尚未认证' },
  { openid: 'demo-rider-wang', label: '骑手 王姐', description: '饿了么骑手，已认证，平安骑士志愿者' },
  { openid: 'demo-rider-zhao', label: '骑手 赵师傅', description: '闪送骑手，已认证' },
  { openid: 'demo-worker-chen', label: '社区工作者 陈主任', description: '新和平社区、金祝社区的社区工作者' },
  { openid: 'demo-merchant-liu', label: '爱心商家 刘老板', description: '「刘记面馆」店主，已通过爱心商家审核' },
  { openid: 'demo-admin-sun', label: '管理员 孙科长', description: '区委社会工作部管理员，负责设置社区与授权' },
]

export const DEMO_RIDER = personas[0]
