import { describe, expect, it } from 'vitest';
import { loadConfig, parsePoolSize, parsePublicUrl } from './config';

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

describe('LINLI_DB_POOL', () => {
  it('is absent unless set, and a whole number from 1 to 500', () => {
    expect(loadConfig({}).dbPoolSize).toBeUndefined();
    expect(loadConfig({ LINLI_DB_POOL: ' 24 ' }).dbPoolSize).toBe(24);
    for (const bad of ['0', '-3', '2.5', 'ten', '501']) {
      expect(() => parsePoolSize(bad), bad).toThrow(/LINLI_DB_POOL/);
    }
  });
});
