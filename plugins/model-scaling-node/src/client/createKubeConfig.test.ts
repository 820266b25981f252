import { createKubeConfig, resolveBearerToken } from './createKubeConfig';

describe('createKubeConfig', () => {
  it('makes one cluster, user and context with the URL, CA and token', () => {
    const kc = createKubeConfig({
      name: 'prod',
      url: 'https://k8s.example.com',
      skipTLSVerify: false,
      caData: 'UkVBRC1DQQ==',
      auth: { type: 'serviceAccount', token: 'write-token' },
    });
    expect(kc.getCurrentCluster()).toMatchObject({
      name: 'prod',
      server: 'https://k8s.example.com',
      caData: 'UkVBRC1DQQ==',
      skipTLSVerify: false,
    });
    expect(kc.getCurrentUser()?.token).toBe('write-token');
  });

  it('reads a token file each time, so a rotated token is used', () => {
    let token = 'first';
    const cluster = {
      name: 'prod',
      url: 'https://k8s.example.com',
      skipTLSVerify: false,
      auth: { type: 'serviceAccountTokenFile' as const, tokenFile: '/t' },
    };
    const readTokenFile = () => token;
    expect(
      createKubeConfig(cluster, { readTokenFile }).getCurrentUser()?.token,
    ).toBe('first');
    token = 'second';
    expect(resolveBearerToken(cluster, { readTokenFile })).toBe('second');
  });

  it('names the file and cluster when a token file cannot be read', () => {
    expect(() =>
      resolveBearerToken({
        name: 'prod',
        url: 'https://k8s.example.com',
        skipTLSVerify: false,
        auth: {
          type: 'serviceAccountTokenFile',
          tokenFile: '/nonexistent/token',
        },
      }),
    ).toThrow('Cannot read the token file /nonexistent/token of cluster prod');
  });

  it('sends no token without credentials', () => {
    const kc = createKubeConfig({
      name: 'local',
      url: 'http://localhost:8001',
      skipTLSVerify: true,
      auth: { type: 'none' },
    });
    expect(kc.getCurrentUser()?.token).toBeUndefined();
  });
});
