/** SDK error messages carry the request URL (number and text in the query): never keep it. */
export function scrubUrls(message: string): string {
  return message.replace(/(?:POST |GET )?https?:\/\/\S+/g, '<request>');
}
