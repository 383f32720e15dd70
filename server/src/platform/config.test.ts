import { describe, expect, it } from 'vitest';
import { loadConfig, parsePublicUrl } from './config';

describe('LINLI_PUBLIC_URL', () => {
  it('is absent unless set, and loses its trailing slashes', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ LINLI_PUBLIC_URL: '  ' }).publicUrl).toBeUndefined();
    expect(loadConfig({ LINLI_PUBLIC_URL: 'https://linli.example.gov.cn/' }).publicUrl).toBe(
      'https://linli.example.gov.cn',
    );
    expect(parsePublicUrl('http://10.1.2.3:8080/linli//')).toBe('http://10.1.2.3:8080/linli');
  });

  it('refuses what is not an absolute http(s) address without query, fragment or user', () => {
    for (const bad of [
      'linli.example.gov.cn',
      '/linli',
      'ftp://x.cn',
      'https://x.cn/?a=1',
      'https://x.cn/#q',
      'https://u:p@x.cn',
    ]) {
      expect(() => parsePublicUrl(bad), bad).toThrow(/LINLI_PUBLIC_URL/);
    }
  });
});
