import { defineErrors } from '../../platform/errors';

export const certificateErrors = defineErrors({
  /** One answer for a forged, altered or unknown number or code, so numbers cannot be probed. */
  CERTIFICATE_NOT_VALID: { status: 404, message: '该证明未通过验证：编号或校验码无效，或证明内容已被改动' },
  CERTIFICATE_NO_SERVICE: { status: 409, message: '该期间没有经组织确认的志愿服务记录，不能出具证明' },
});
