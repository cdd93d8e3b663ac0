import nodemailer from 'nodemailer';

/** One e-mail to a customer: its text, and the letter's PDF where one goes with it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** What sends the server's e-mail: SMTP by default, anything with the same call in tests. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface SmtpSettings {
  /** `smtp://user:password@host:port` or `smtps://...` (TAPLINE_SMTP_URL). */
  url: string;
  /** The From address (TAPLINE_SMTP_FROM), e.g. `"Portland Water District" <care@example.org>`. */
  from: string;
}

/** The SMTP settings from the environment, or null where none are set (no e-mail is sent). */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const url = env.TAPLINE_SMTP_URL;
  const from = env.TAPLINE_SMTP_FROM;
  return url && from ? { url, from } : null;
}

/** A mailer that hands each message to the utility's SMTP server (nodemailer). */
export function smtpMailer(settings: SmtpSettings): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(settings.url);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: settings.from, ...mail });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
