import { defineErrors } from '../../platform/errors';

export const orgErrors = defineErrors({
  ORG_NAME_TAKEN: { status: 409, message: '本街道(乡镇)已有同名的社区社会组织' },
  ORG_CREDIT_CODE_INVALID: { status: 400, message: '统一社会信用代码不正确' },
  ORG_CREDIT_CODE_TAKEN: { status: 409, message: '该统一社会信用代码已被其他组织使用' },
  ORG_AREA_LEVEL_INVALID: { status: 400, message: '组织所在区划应为社区(村)或街道(乡镇)' },
  ORG_FOUNDED_IN_FUTURE: { status: 400, message: '成立日期不能晚于今天' },
  ORG_NOT_ACTIVE: { status: 409, message: '该组织当前状态不能办理此项备案' },
  ORG_UPGRADE_INVALID: { status: 409, message: '该组织已是依法登记的组织，不能再升级' },
  ORG_STATUS_TRANSITION_INVALID: { status: 409, message: '不能从当前状态变更为所选状态' },
  FILING_OPEN_EXISTS: { status: 409, message: '该组织已有一项正在办理的备案，请办结后再提交' },
  FILING_ILLEGAL_TRANSITION: { status: 409, message: '该备案当前不在这一步，不能执行此操作' },
  FILING_NOT_SUBMITTER: { status: 403, message: '只有提交人可以修改并重新提交' },
});

export const reportErrors = defineErrors({
  REPORT_ALREADY_SUBMITTED: { status: 409, message: '该时期的报告已经提交过了' },
  REPORT_ALREADY_REVIEWED: { status: 409, message: '该报告已经审阅过了' },
  REPORT_PERIOD_IN_FUTURE: { status: 400, message: '不能提交尚未开始的时期的报告' },
});
