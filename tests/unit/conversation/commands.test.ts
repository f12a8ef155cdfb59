import { arbitrate } from '../../../src/services/conversation/commands';

const chat = { sms: false, optedOut: false };
const sms = { sms: true, optedOut: false };

describe('whole-message command arbitration', () => {
  it.each(['STOP', 'stop', 'Stop.', '退订', 'T', 'td', 'R', 'UNSUBSCRIBE', 'QUIT', 'CANCEL', 'ＳＴＯＰ'])(
    'on SMS, %s is an opt-out',
    (word) => {
      expect(arbitrate(word, sms)).toEqual({ kind: 'optOut' });
    },
  );

  it('on SMS, CANCEL is an opt-out (carriers treat it so), while 取消 still cancels the dialog', () => {
    expect(arbitrate('cancel', sms)).toEqual({ kind: 'optOut' });
    expect(arbitrate('取消', sms)).toEqual({ kind: 'cancel' });
  });

  it('on chat, opt-out words are ordinary commands or text', () => {
    expect(arbitrate('cancel', chat)).toEqual({ kind: 'cancel' });
    expect(arbitrate('T', chat)).toBeNull();
    expect(arbitrate('退订', chat)).toBeNull();
  });

  it('YES opts back in only while the number is opted out', () => {
    expect(arbitrate('YES', { sms: true, optedOut: true })).toEqual({ kind: 'optIn' });
    expect(arbitrate('yes', sms)).toBeNull();
    expect(arbitrate('START', sms)).toEqual({ kind: 'optIn' });
    expect(arbitrate('订阅', sms)).toEqual({ kind: 'optIn' });
  });

  it('recognises menu, help, agent and language switches', () => {
    expect(arbitrate('菜单', chat)).toEqual({ kind: 'menu' });
    expect(arbitrate(' Menu ', chat)).toEqual({ kind: 'menu' });
    expect(arbitrate('帮助', chat)).toEqual({ kind: 'help' });
    expect(arbitrate('HELP', sms)).toEqual({ kind: 'help' });
    expect(arbitrate('转人工', chat)).toEqual({ kind: 'agent' });
    expect(arbitrate('English', chat)).toEqual({ kind: 'language', locale: 'en' });
    expect(arbitrate('中文', chat)).toEqual({ kind: 'language', locale: 'zh-CN' });
  });

  it('only whole messages count: a sentence containing a command word is input', () => {
    expect(arbitrate('我想取消预约', chat)).toBeNull();
    expect(arbitrate('please stop sending', sms)).toBeNull();
    expect(arbitrate('菜单在哪', chat)).toBeNull();
  });

  it('a free-text prompt suspends soft commands but never 取消 or 菜单', () => {
    const ctx = { ...chat, suspendDialogCommands: true };
    expect(arbitrate('帮助', ctx)).toBeNull();
    expect(arbitrate('English', ctx)).toBeNull();
    expect(arbitrate('取消', ctx)).toEqual({ kind: 'cancel' });
    expect(arbitrate('菜单', ctx)).toEqual({ kind: 'menu' });
  });

  it('ignores non-text input', () => {
    expect(arbitrate(undefined, chat)).toBeNull();
    expect(arbitrate({ $gt: '' }, chat)).toBeNull();
    expect(arbitrate('   ', chat)).toBeNull();
  });
});
