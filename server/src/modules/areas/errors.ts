import { defineErrors } from '../../platform/errors';

export const areaErrors = defineErrors({
  AREA_NOT_FOUND: { status: 404, message: '未找到该行政区划' },
  AREA_OUT_OF_SCOPE: { status: 403, message: '该行政区划不在您的管辖范围内' },
});
