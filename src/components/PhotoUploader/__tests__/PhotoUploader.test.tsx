import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { AppError } from '@domain/errors'
import { uploadImage } from '@/utils/upload'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import PhotoUploader from '../index'

jest.mock('@/utils/upload', () => ({ uploadImage: jest.fn() }))
const uploadMock = uploadImage as unknown as jest.Mock
const taro = Taro as unknown as Record<string, jest.Mock>

function Form({ max, onIds }: { max: number; onIds?: (ids: string[]) => void }) {
  const uploads = usePhotoUploads({ max, dir: async () => 'badges/r-1', prefix: 'badge-' })
  onIds?.(uploads.fileIds)
  return <PhotoUploader uploads={uploads} max={max} addLabel='选择照片' />
}
const tap = async (name: string) => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }))
  })
}

beforeEach(() => {
  uploadMock.mockReset()
  taro.chooseImage = jest.fn()
  taro.showToast.mockClear()
})

describe('usePhotoUploads + PhotoUploader', () => {
  it('a file that is not a picture: the reason is shown under the field, not only in the console', async () => {
    taro.chooseImage.mockResolvedValue({ tempFilePaths: ['blob:notes'] })
    uploadMock.mockRejectedValue(new AppError('VALIDATION', '这不是图片文件，请选择 JPG 或 PNG 照片'))
    render(<Form max={1} />)
    await tap('添加照片')
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('这不是图片文件，请选择 JPG 或 PNG 照片'))
    expect(screen.getByText('上传失败')).toBeTruthy()
  })

  it('a picker that fails without cancelling says so; a cancel says nothing', async () => {
    taro.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
    render(<Form max={3} />)
    await tap('添加照片')
    expect(screen.queryByRole('alert')).toBeNull()
    taro.chooseImage.mockRejectedValueOnce(new Event('error'))
    await tap('添加照片')
    expect(screen.getByRole('alert').textContent).toContain('请选择 JPG 或 PNG 照片')
  })

  it('a one-photo field replaces its photo (「换一张」), uploading into the named folder with the prefix', async () => {
    let ids: string[] = []
    taro.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:a'] }).mockResolvedValueOnce({ tempFilePaths: ['blob:b'] })
    uploadMock.mockImplementation(async (path: string) => `cloud://b/badges/r-1/${path.slice(5)}.jpg`)
    render(<Form max={1} onIds={(x) => (ids = x)} />)
    await tap('添加照片')
    await waitFor(() => expect(ids).toEqual(['cloud://b/badges/r-1/a.jpg']))
    expect(uploadMock).toHaveBeenCalledWith('blob:a', 'badges/r-1', expect.objectContaining({ prefix: 'badge-' }))
    await tap('换一张照片')
    await waitFor(() => expect(ids).toEqual(['cloud://b/badges/r-1/b.jpg']))
    expect(screen.getAllByText('已上传')).toHaveLength(1)
  })
})
