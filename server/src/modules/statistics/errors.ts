import { defineErrors } from '../../platform/errors';

export const statisticsErrors = defineErrors({
  /** The issue asks for a plain refusal here: the area tree is public, so nothing is probed. */
  STATISTICS_OUT_OF_JURISDICTION: { status: 403, message: '该区划不在您的管辖范围内，不能查看其统计' },
  STATISTICS_AREA_NOT_FOUND: { status: 404, message: '未找到该行政区划' },
  RECOGNITION_DUPLICATE: { status: 409, message: '该组织在这一年度已获得同一认定' },
  RECOGNITION_NOT_ESTABLISHED: { status: 409, message: '只有已成立且未注销的组织可以获得认定' },
  RECOGNITION_ALREADY_REVOKED: { status: 409, message: '该认定已被撤销' },
  PLAN_OUT_OF_JURISDICTION: { status: 403, message: '规划或目标的区划不在您的管辖范围内' },
  PLAN_PRESET_LOCKED: { status: 409, message: '预置规划不能删除，可修改其目标值' },
});
