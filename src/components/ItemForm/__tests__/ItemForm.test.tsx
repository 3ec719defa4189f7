import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import type { ManagedItemView } from '@domain/mall/model'
import { call } from '@/api'
import { uploadImage } from '@/utils/upload'
import ItemForm, { type ItemApi } from '../index'

jest.mock('@/api', () => ({ call: jest.fn() }))
jest.mock('@/utils/upload', () => ({ uploadImage: jest.fn() }))
const callMock = call as unknown as jest.Mock
const uploadMock = uploadImage as unknown as jest.Mock
const taro = Taro as unknown as Record<string, jest.Mock>

const item = (over: Partial<ManagedItemView> = {}): ManagedItemView => ({
  id: 'i-1',
  title: '姜茶一杯',
  description: '到店即取',
  coverUrl: 'http://x/a.jpg',
  price: 10,
  stock: 5,
  limit: { period: 'day', count: 1 },
  limitLabel: '每人每天 1 次',
  validDays: 7,
  merchantId: 'm-1',
  communityId: 'c-1',
  placeId: null,
  placeName: '刘记面馆',
  location: null,
  status: 'on',
  photos: [{ fileID: 'cloud://b/mall-items/m-1/a.jpg', check: 'pass', url: 'http://x/a.jpg' }],
  stockTotal: 8,
  redeemed: 3,
  contentFlagged: false,
  takenDownReason: null,
  ...over,
})

const apiMock = () => ({ create: jest.fn(async () => item()), update: jest.fn(async () => item()), setStock: jest.fn(async () => item({ stock: 9 })) }) satisfies Record<keyof ItemApi, jest.Mock>
const input = (name: string) => document.querySelector(`input[name="${name}"], [name="${name}"] input`) as HTMLInputElement
const textarea = () => document.querySelector('textarea') as HTMLTextAreaElement
const type = (el: Element, value: string) => fireEvent.input(el, { target: { value } })
const tap = async (text: string) => {
  await act(async () => {
    fireEvent.click(screen.getByText(text, { exact: true }))
  })
}

beforeEach(() => {
  callMock.mockReset()
  uploadMock.mockReset()
  taro.chooseImage = jest.fn()
  taro.showToast.mockClear()
})

describe('ItemForm', () => {
  it('a new item: checks the fields first, then sends parsed values with the uploaded photos', async () => {
    callMock.mockResolvedValue({ dir: 'mall-items/w-1' })
    taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:one', 'blob:two'] })
    uploadMock.mockImplementation(async (path: string) => `cloud://b/mall-items/w-1/${path.slice(5)}.jpg`)
    const api = apiMock()
    const onSaved = jest.fn()
    render(<ItemForm item={null} api={api} onSaved={onSaved} />)
    await tap('上架')
    expect(screen.getAllByText('名称请写 2 到 30 个字').length).toBeGreaterThan(0)
    expect(api.create).not.toHaveBeenCalled()

    await act(async () => type(input('title'), ' 雨衣一件 '))
    await act(async () => type(textarea(), '到驿站领取'))
    await act(async () => type(input('price'), '120'))
    await act(async () => {
      fireEvent.click(screen.getByLabelText('添加照片'))
    })
    await waitFor(() => expect(uploadMock).toHaveBeenCalledTimes(2))
    expect(uploadMock).toHaveBeenCalledWith('blob:one', 'mall-items/w-1', expect.objectContaining({ prefix: 'item-' }))
    await act(async () => {
      fireEvent.click(screen.getByText('总共'))
    })
    await tap('上架')
    expect(api.create).toHaveBeenCalledWith({
      title: '雨衣一件',
      description: '到驿站领取',
      photos: ['cloud://b/mall-items/w-1/one.jpg', 'cloud://b/mall-items/w-1/two.jpg'],
      price: 120,
      limit: { period: 'once', count: 1 },
      validDays: 7,
      stock: 10,
    })
    expect(onSaved).toHaveBeenCalled()
  })

  it('editing: stock changes go through setStock only when changed; removed photos are left out', async () => {
    const api = apiMock()
    render(<ItemForm item={item()} api={api} onSaved={jest.fn()} />)
    await act(async () => {
      fireEvent.click(screen.getByLabelText('删除这张照片'))
    })
    await tap('保存')
    expect(api.update).toHaveBeenCalledWith('i-1', expect.objectContaining({ photos: [], title: '姜茶一杯' }))
    expect(api.setStock).not.toHaveBeenCalled()
    await act(async () => type(input('stock'), '9'))
    await tap('保存')
    expect(api.setStock).toHaveBeenCalledWith('i-1', 9)
  })

  it('says why riders cannot see it yet, and shows a server refusal with the field named', async () => {
    const api = apiMock()
    api.update.mockRejectedValueOnce(new AppError('CONTENT_REJECTED', '兑换品的名称或说明未通过内容安全检查，请修改后再提交'))
    const photos = [
      { fileID: 'cloud://b/p1.jpg', check: 'pending' as const, url: 'http://x/1' },
      { fileID: 'cloud://b/p2.jpg', check: 'rejected' as const, url: 'http://x/2' },
    ]
    render(<ItemForm item={item({ photos, contentFlagged: true, takenDownReason: '图片与实物不符', status: 'off' })} api={api} onSaved={jest.fn()} />)
    expect(screen.getByText(/社区已下架这件兑换品：图片与实物不符/)).toBeTruthy()
    expect(screen.getByText(/文字需社区工作者复核/)).toBeTruthy()
    expect(screen.getByText(/1 张图片正在做内容安全检测/)).toBeTruthy()
    expect(screen.getByText(/1 张图片未通过检测/)).toBeTruthy()
    expect(screen.getByText('审核中')).toBeTruthy()
    expect(screen.getByText('未通过审核')).toBeTruthy()
    await tap('保存')
    expect((await screen.findByRole('alert')).textContent).toContain('未通过内容安全检查')
    api.update.mockRejectedValueOnce(new AppError('VALIDATION', '图片须由你本人上传', { field: 'photos' }))
    await tap('保存')
    // the message already names its field (domain/validation labels): not 「图片：图片…」
    await screen.findAllByText('图片须由你本人上传')
  })

  it('does not save while a photo is still uploading', async () => {
    callMock.mockResolvedValue({ dir: 'mall-items/w-1' })
    taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:slow'] })
    uploadMock.mockImplementation(() => new Promise(() => undefined))
    const api = apiMock()
    render(<ItemForm item={item()} api={api} onSaved={jest.fn()} />)
    await act(async () => {
      fireEvent.click(screen.getByLabelText('添加照片'))
    })
    await screen.findByText('上传中 0%')
    await tap('保存')
    expect(screen.getByRole('alert').textContent).toContain('图片还在上传')
    expect(api.update).not.toHaveBeenCalled()
  })
})
