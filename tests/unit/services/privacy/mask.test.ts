import { maskIdNumber, maskName, maskPhone, maskPlate, maskVin, redactText } from '../../../../src/services/privacy/mask';

describe('maskVin', () => {
  it('keeps only the last 4 characters', () => {
    expect(maskVin('LSVAM4187C2184825')).toBe('*************4825');
  });
  it('normalises case and spaces before masking', () => {
    expect(maskVin(' lsvam4187c218 4825 ')).toBe('*************4825');
  });
  it('hides a value too short to be a VIN completely', () => {
    expect(maskVin('4825')).toBe('****');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and the last 2 characters', () => {
    expect(maskIdNumber('360421199001011234')).toBe('360*************34');
  });
  it('keeps a final X upper-cased', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110*************2X');
  });
  it('hides short values completely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86138****8000'],
    ['13800138000', '138****8000'],
    ['138 0013 8000', '138****8000'],
    ['+86 138-0013-8000', '+86138****8000'],
    ['+14155552671', '+141****2671'],
    ['12345', '***45'],
    ['12', '**'],
  ])('%s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['张', '*'],
    ['', ''],
    ['阿卜杜·热合曼', '阿**·***'],
    ['John Smith', 'J*** S****'],
  ])('%j -> %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskPlate (re-exported)', () => {
  it('keeps province, letter and the last two characters', () => {
    expect(maskPlate('赣G12345')).toBe('赣G***45');
  });
});

describe('redactText', () => {
  it('masks phone, identity number, VIN and plate in one message', () => {
    const text = '我是张三，电话+8613800138000，身份证360421199001011234，车架号LSVAM4187C2184825，车牌赣g 12345。';
    expect(redactText(text)).toBe(
      '我是张三，电话+86138****8000，身份证360*************34，车架号*************4825，车牌赣G***45。',
    );
  });

  it('masks numbers written with separators or full-width digits', () => {
    expect(redactText('call 138-0013-8000 or +86 13800138000')).toBe('call 138****8000 or +86138****8000');
    expect(redactText('手机１３８００１３８０００')).toBe('手机138****8000');
  });

  it('masks an identity number ending in x without leaking its inner phone-like digits', () => {
    const out = redactText('id 11010519491231002x.');
    expect(out).toBe('id 110*************2X.');
  });

  it('masks plate-like near misses too', () => {
    expect(redactText('车牌赣G1234O')).toBe('车牌赣G***4O');
  });

  it('masks several plates and foreign numbers', () => {
    expect(redactText('粤BD12345 and 苏E12345F; +14155552671')).toBe('粤B****45 and 苏E****5F; +141****2671');
  });

  it('leaves ordinary text, amounts, dates and short numbers alone', () => {
    const text = '2026-10-03 罚款200元，记6分，订单 12345，code 1625。';
    expect(redactText(text)).toBe(text);
  });

  it('does not treat a 17-digit number as a VIN', () => {
    expect(redactText('ref 12345678901234567')).toBe('ref 12345678901234567');
  });

  it('returns an empty string unchanged', () => {
    expect(redactText('')).toBe('');
  });
});
