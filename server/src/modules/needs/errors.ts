import { defineErrors } from '../../platform/errors';

export const needErrors = defineErrors({
  NEED_ILLEGAL_TRANSITION: { status: 409, message: '该需求当前不在这一步，不能执行此操作' },
  NEED_NOT_YOUR_LEVEL: { status: 409, message: '该需求当前不由您这一级派单' },
  NEED_TOP_LEVEL: { status: 409, message: '县(区)新时代文明实践中心是最高一级，不能再上报' },
  NEED_ALREADY_RATED: { status: 409, message: '该需求已经评价过了，每个需求只能评价一次' },
  NEED_NOT_POSTER: { status: 403, message: '只有发布该需求的人可以执行此操作' },
  NEED_AREA_NOT_COMMUNITY: { status: 400, message: '需求所在区划应为社区(村)' },
  NEED_DEADLINE_INVALID: { status: 400, message: '期望办结日期应在今天到一年之内' },
  NEED_ORG_UNAVAILABLE: { status: 400, message: '该组织不在本级派单范围内，或不在正常状态' },
  NEED_ORG_NOT_ACTIVE: { status: 409, message: '该组织当前状态不能接单' },
});
