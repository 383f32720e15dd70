import { defineErrors } from '../../platform/errors';

export const accessErrors = defineErrors({
  ROLE_NOT_GRANTABLE: { status: 403, message: '您不能在该区域授予此角色（只能在本辖区内授予不高于自己的角色）' },
  ROLE_AREA_LEVEL_INVALID: { status: 400, message: '该角色不能绑定在这一级行政区划' },
  ROLE_NEEDS_ORGANIZATION: { status: 400, message: '组织管理员角色必须绑定到一个社区社会组织' },
  GRANT_ALREADY_EXISTS: { status: 409, message: '该用户已拥有这一角色' },
  GRANT_NOT_FOUND: { status: 404, message: '未找到该角色授权' },
  GRANT_SELF_REVOKE: { status: 409, message: '不能撤销自己的角色' },
});
