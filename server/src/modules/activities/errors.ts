import { defineErrors } from '../../platform/errors';

export const activityErrors = defineErrors({
  ACTIVITY_NOT_EDITABLE: { status: 409, message: '该活动当前状态不能修改' },
  ACTIVITY_ILLEGAL_TRANSITION: { status: 409, message: '该活动当前不在这一步，不能执行此操作' },
  ACTIVITY_PATH_INCOMPLETE: { status: 409, message: '该活动须先完成报告或审批，才能发布' },
  ACTIVITY_NOTHING_TO_SUBMIT: { status: 409, message: '该活动无需报告或审批，可直接发布' },
  ACTIVITY_SUBMIT_TOO_LATE: { status: 409, message: '已超过报告或审批的提交期限，请调整活动时间' },
  ACTIVITY_NOT_STARTED: { status: 409, message: '活动尚未开始，不能记录活动成效' },
  ACTIVITY_ORG_NOT_ACTIVE: { status: 409, message: '该组织当前状态不能开展活动' },
});

export const photoErrors = defineErrors({
  PHOTO_NOT_IMAGE: { status: 400, message: '请上传 JPEG、PNG 或 WebP 格式的图片' },
  PHOTO_TOO_LARGE: { status: 413, message: '图片不能超过 10 MB' },
  PHOTO_TOO_MANY: { status: 409, message: '每个活动最多上传 30 张照片' },
  PHOTO_DUPLICATE: { status: 409, message: '这张照片已经上传过了' },
  PHOTO_NOT_ALLOWED: { status: 409, message: '活动发布后才能上传照片' },
});

export const venueErrors = defineErrors({
  VENUE_CLOSED: { status: 409, message: '该阵地已停用，不能预约' },
});

export const bookingErrors = defineErrors({
  BOOKING_SLOT_TAKEN: { status: 409, message: '该时段已被其他预约占用' },
  BOOKING_ALREADY_DECIDED: { status: 409, message: '该预约已经处理过了' },
});

export const campaignErrors = defineErrors({
  CAMPAIGN_KEY_TAKEN: { status: 409, message: '已有同一代码的主题活动' },
});
