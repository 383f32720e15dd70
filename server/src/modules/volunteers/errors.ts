import { defineErrors } from '../../platform/errors';

export const volunteerErrors = defineErrors({
  VOLUNTEER_ID_NUMBER_TAKEN: { status: 409, message: '该身份证号码已注册为志愿者' },
  VOLUNTEER_ALREADY_REGISTERED: { status: 409, message: '您已经注册为志愿者' },
  VOLUNTEER_NOT_REGISTERED: { status: 409, message: '请先完成志愿者实名注册' },
  VOLUNTEER_INACTIVE: { status: 409, message: '该志愿者当前不在服务状态' },
  VOLUNTEER_NOT_IN_TEAM: { status: 409, message: '该志愿者不在本组织的志愿服务队中' },
  STAR_NOT_PENDING: { status: 409, message: '该志愿者没有待审批的五星级评定' },
});

export const stationErrors = defineErrors({
  STATION_NAME_TAKEN: { status: 409, message: '本区划已有同名的志愿服务站点' },
});

export const projectErrors = defineErrors({
  PROJECT_NOT_EDITABLE: { status: 409, message: '该项目当前状态不能修改' },
  PROJECT_ILLEGAL_TRANSITION: { status: 409, message: '该项目当前状态不能执行此操作' },
  PROJECT_PLACES_BELOW_CONFIRMED: { status: 409, message: '名额不能少于已录用的人数' },
  PROJECT_ORG_NOT_ACTIVE: { status: 409, message: '该组织当前状态不能发布志愿项目' },
});

export const signupErrors = defineErrors({
  SIGNUP_NOT_OPEN: { status: 409, message: '该项目未在招募，或该班次已开始，不能报名' },
  SIGNUP_DUPLICATE: { status: 409, message: '您已报名该班次，不能重复报名' },
  SIGNUP_NOT_ELIGIBLE: { status: 409, message: '不符合该项目的报名条件' },
  SIGNUP_ALREADY_CANCELLED: { status: 409, message: '该报名已经取消' },
  SIGNUP_TIME_CONFLICT: { status: 409, message: '该班次与您已录用的另一班次时间重叠' },
});

export const checkInErrors = defineErrors({
  CHECKIN_CODE_INVALID: { status: 409, message: '签到码不正确或已过期，请重新扫码' },
  CHECKIN_NOT_SIGNED_UP: { status: 409, message: '您没有该班次的录用名额，不能签到' },
  CHECKIN_NOT_OPEN: { status: 409, message: '该班次现在不能签到（开始前30分钟至结束前可以签到）' },
  CHECKIN_DUPLICATE: { status: 409, message: '您已签到过该班次，不能重复签到' },
  CHECKIN_OVERLAP: { status: 409, message: '与该志愿者的另一条服务记录时间重叠' },
  CHECKOUT_NOT_CHECKED_IN: { status: 409, message: '尚未签到，不能签退' },
  CHECKOUT_DUPLICATE: { status: 409, message: '您已签退过该班次' },
});

export const recordErrors = defineErrors({
  RECORD_OVERLAP: { status: 409, message: '与该志愿者的另一条服务记录时间重叠' },
  RECORD_TOO_LONG: { status: 409, message: '一条服务记录不能超过24小时，请联系组织更正时间' },
  RECORD_NOT_FINISHED: { status: 409, message: '该记录尚未签退，不能确认' },
  RECORD_ALREADY_CONFIRMED: { status: 409, message: '该记录已经确认过了' },
  RECORD_REQUEST_OPEN: { status: 409, message: '该记录已有一项待处理的更正申请' },
  CORRECTION_ALREADY_DECIDED: { status: 409, message: '该更正申请已经处理过了' },
});

export const reflectionErrors = defineErrors({
  REFLECTION_NOT_SERVED: { status: 409, message: '只有在该项目服务过（已签退）的志愿者才能写心得体会' },
  REFLECTION_ALREADY_REVIEWED: { status: 409, message: '该心得体会已经审核过了' },
  REFLECTION_PHOTOS_LOCKED: { status: 409, message: '心得体会发布后不能再添加照片' },
  REFLECTION_PHOTO_TOO_MANY: { status: 409, message: '每篇心得体会最多上传9张照片' },
});
