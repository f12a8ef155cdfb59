// Phone numbers as the SMS providers give and take them. We keep E.164 (+8613800138000).

/** E.164 from what a provider sent: Twilio's +E.164, Aliyun's bare mainland 11 digits. */
export function toE164(raw: string): string | null {
  const s = raw.trim().replace(/[\s-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(s)) return s;
  if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
  if (/^(?:0086|86)1[3-9]\d{9}$/.test(s)) return `+86${s.slice(-11)}`;
  if (/^00[1-9]\d{6,14}$/.test(s)) return `+${s.slice(2)}`;
  return null;
}

/** The PhoneNumbers form of Aliyun SendSms: 11 digits for the mainland, else digits without +. */
export function toAliyunNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}
