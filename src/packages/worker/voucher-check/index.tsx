import { call } from '@/api'
import PageShell from '@/components/PageShell'
import VoucherVerifier from '@/components/VoucherVerifier'

/** 核销 at the station: vouchers of the community's own items (merchants verify theirs in their shop). */
export default function VoucherCheckPage() {
  return (
    <PageShell className='voucher-check-page'>
      <VoucherVerifier verify={(input) => call('mall', 'verify', input)} notYours='不是本社区驿站的兑换券' />
    </PageShell>
  )
}
