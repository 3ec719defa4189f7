import { initialsOf } from './pinyin'

test.each([
  ['金祝新村', 'jzxc'],
  ['新和平小区', 'xhpxq'],
  ['文晖苑', 'why'],
  ['朝晖九区', 'chjq'],
  ['德胜新村', 'dsxc'],
  ['西溪花园', 'xxhy'],
  ['世贸丽晶城', 'smljc'],
  ['流水东苑', 'lsdy'],
  ['米市巷', 'msx'],
  ['打铁关', 'dtg'],
  ['和睦新村', 'hmxc'],
  ['大关西苑', 'dgxy'],
  ['绿城', 'lc'],
  ['七古登', 'qgd'],
  ['塘苗路', 'tml'],
  ['翠苑一区', 'cyyq'],
  ['欧美金融城', 'omjrc'],
  ['古荡湾', 'gdw'],
  ['嘉绿苑', 'jly'],
  ['南都花园', 'ndhy'],
  ['保亭', 'bt'],
  ['锐明', 'rm'],
  ['耀江', 'yj'],
  ['紫金港', 'zjg'],
  ['飞云江路', 'fyjl'],
  ['恒隆广场', 'hlgc'],
  ['坤和中心', 'khzx'],
  ['3A 号楼', '3ahl'],
])('%s → %s', (name, initials) => {
  expect(initialsOf(name)).toBe(initials)
})
