import { call } from '@/api'
import PageShell from '@/components/PageShell'
import VoucherVerifier from '@/components/VoucherVerifier'

/** 核销 at the shop: only this merchant's vouchers. */
export default function MerchantVerifyPage() {
  return (
    <PageShell className='merchant-verify-page'>
      <VoucherVerifier verify={(input) => call('merchant', 'verify', input)} notYours='不是本店的兑换券' />
    </PageShell>
  )
}
