import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The vendor chunk a module goes to; null leaves application code to the automatic (per-page) split. */
function vendorChunk(id: string): string | null {
  const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  const name = match?.[1]?.replace('\\', '/');
  if (!name) {
    return null;
  }
  if (/^(react|react-dom|scheduler|react-router|react-router-dom|@remix-run\/router)$/.test(name)) {
    return 'react';
  }
  // charts and the phone pages' library load only with the pages that use them
  if (name === 'echarts' || name === 'zrender') {
    return 'echarts';
  }
  if (
    name === 'antd-mobile' ||
    name === 'antd-mobile-icons' ||
    name.startsWith('@react-spring/') ||
    name.startsWith('@use-gesture/')
  ) {
    return 'antd-mobile';
  }
  // the QR decoder is only for phones without BarcodeDetector, on the scan page (mobile/volunteers/qr-reader.ts)
  if (name === 'jsqr') {
    return 'jsqr';
  }
  if (name.startsWith('@ant-design/pro-')) {
    return 'pro-components';
  }
  if (
    name === 'antd' ||
    name.startsWith('rc-') ||
    name.startsWith('@rc-component/') ||
    name.startsWith('@ant-design/')
  ) {
    return 'antd';
  }
  return 'vendor';
}

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and ProComponents are large even when split; the pages themselves are lazy chunks.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        // vendor code in a few stable, named chunks so browsers keep them across releases
        codeSplitting: { groups: [{ name: vendorChunk }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
