import { describe, expect, it } from 'vitest';
import { categoryDefinitions, orgLabels } from '../organizations';
import { zhCN } from './zh-CN';

/**
 * The console takes the organization labels from the locale (importing them from
 * organizations.ts would pull zod into the browser bundle); the Chinese copy must stay equal
 * to the contract's, which the exports and the survey template use.
 */
describe('zh-CN organization labels', () => {
  it('repeat the contract’s orgLabels', () => {
    expect(zhCN.org.tier).toEqual(orgLabels.tier);
    expect(zhCN.org.category).toEqual(orgLabels.category);
    expect(zhCN.org.hubKind).toEqual(orgLabels.hubKind);
    expect(zhCN.org.serviceTarget).toEqual(orgLabels.serviceTarget);
    expect(zhCN.org.partyOrg).toEqual(orgLabels.partyOrg);
    expect(zhCN.org.status).toMatchObject(orgLabels.status);
  });

  it('repeat the category definitions', () => {
    expect(zhCN.org.categoryDefinition).toEqual(categoryDefinitions);
  });
});
