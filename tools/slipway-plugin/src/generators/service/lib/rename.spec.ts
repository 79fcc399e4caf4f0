import { renameService } from './rename';

describe('renameService', () => {
  it.each([
    ['api', 'status'],
    ['slipway/api', 'slipway/status'],
    ['slipway-api-local', 'slipway-status-local'],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/api:v1.0.0',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/slipway/status:v1.0.0',
    ],
    ['The api as a Deployment: containers[api].image', 'The status as a Deployment: containers[status].image'],
  ])('renames %j', (text, expected) => {
    expect(renameService(text, 'api', 'status')).toBe(expected);
  });

  it.each(['apiVersion', 'rapid', 'apis', 'my_api', 'slipway-staging', 'eu-west-1'])('leaves %j alone', (text) => {
    expect(renameService(text, 'api', 'status')).toBe(text);
  });

  it('treats the name literally', () => {
    expect(renameService('a.b and axb', 'a.b', 'c')).toBe('c and axb');
  });
});
