import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../app/dialog';
import { useAppStore } from '../../store';
import { FarEndReply } from './parts';

/** A modal dialog that opens and closes with `open`; Esc or Close calls `onClose`. */
function Modal({
  open,
  onClose,
  titleId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  titleId: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useModalDialog(ref, open);
  return (
    <dialog
      ref={ref}
      className="overlay softphone-dialog"
      aria-labelledby={titleId}
      onCancel={onClose}
      // The close event is queued: by then the dialog may have been reopened.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
    >
      {open && children}
    </dialog>
  );
}

/** A dialog form's buttons: the one that submits it, and the one that closes the dialog. */
function FormButtons({
  submit,
  close,
  onClose,
}: {
  submit: string;
  close: string;
  onClose: () => void;
}) {
  return (
    <div className="buttons">
      <button type="submit" className="primary">
        {submit}
      </button>
      <button type="button" onClick={onClose}>
        {close}
      </button>
    </div>
  );
}

type Kind = 'agent' | 'queue' | 'number';

/** Transfer to an agent, a queue or a number; cold, or warm (the agent talks to them first). */
export function TransferDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('softphone');
  const transfer = useAppStore((s) => s.transfer);
  const [kind, setKind] = useState<Kind>('queue');
  const [to, setTo] = useState('');
  const [warm, setWarm] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const target = to.trim();
    if (!target || (kind === 'number' && !/^\+?[0-9 ()-]{10,20}$/.test(target))) {
      setInvalid(true);
      return;
    }
    const digits = target.replace(/[ ()-]/g, '');
    void transfer({
      kind,
      to: kind === 'number' ? digits : target,
      warm: warm && kind !== 'queue',
    });
    setInvalid(false);
    setTo('');
    onClose();
  };
  return (
    <Modal open={open} onClose={onClose} titleId="transfer-title">
      <form onSubmit={submit} className="dialog-form" noValidate>
        <h2 id="transfer-title">{t('transferDialog.title')}</h2>
        <fieldset className="segmented">
          <legend>{t('transferDialog.kind')}</legend>
          {(['queue', 'agent', 'number'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="transfer-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>{t(`transferDialog.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t(`transferDialog.targets.${kind}`)}</span>
          <input
            value={to}
            onChange={(e) => setTo(e.target.value)}
            inputMode={kind === 'number' ? 'tel' : 'text'}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'transfer-error' : undefined}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this one field
            autoFocus
          />
        </label>
        {invalid && (
          <p id="transfer-error" className="error" role="alert">
            {t(kind === 'number' ? 'transferDialog.badNumber' : 'transferDialog.required')}
          </p>
        )}
        <label className="field-inline">
          <input
            type="checkbox"
            checked={warm && kind !== 'queue'}
            disabled={kind === 'queue'}
            onChange={(e) => setWarm(e.target.checked)}
          />
          <span>{t('transferDialog.warm')}</span>
        </label>
        <FormButtons
          submit={t('transferDialog.submit')}
          close={t('transferDialog.cancel')}
          onClose={onClose}
        />
      </form>
    </Modal>
  );
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The keypad: tones to the caller (an IVR, a payment line), by click or by typing. */
export function KeypadDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('softphone');
  const sendDigits = useAppStore((s) => s.sendDigits);
  const sent = useAppStore((s) => s.digitsSent);
  return (
    <Modal open={open} onClose={onClose} titleId="keypad-title">
      <h2 id="keypad-title">{t('keypadDialog.title')}</h2>
      <p className="hint">{t('keypadDialog.hint')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: typed digits reach the keypad's buttons */}
      <div
        className="keypad"
        onKeyDown={(e) => {
          if (KEYS.includes(e.key) && !e.ctrlKey && !e.altKey) {
            e.preventDefault();
            void sendDigits(e.key);
          }
        }}
      >
        {KEYS.map((d) => (
          <button key={d} type="button" onClick={() => void sendDigits(d)}>
            {d}
          </button>
        ))}
      </div>
      <p aria-live="polite" data-testid="digits-sent">
        {sent ? t('keypadDialog.sent', { digits: sent }) : ''} <FarEndReply />
      </p>
      <button type="button" onClick={onClose}>
        {t('keypadDialog.close')}
      </button>
    </Modal>
  );
}

/** This workstation's microphone and headset, remembered and applied from the next call. */
export function DevicesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('softphone');
  const mode = useAppStore((s) => s.mode);
  const devices = useAppStore((s) => s.audioDevices);
  const settings = useAppStore((s) => s.settings);
  const load = useAppStore((s) => s.loadAudioDevices);
  const choose = useAppStore((s) => s.chooseAudioDevices);
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  useEffect(() => {
    if (!open) return;
    void load();
    setInput(settings?.audioInput ?? '');
    setOutput(settings?.audioOutput ?? '');
  }, [open, load, settings]);
  const options = (list: { id: string; label: string }[] | undefined, saved: string) => {
    const known = list ?? [];
    // A device chosen before but not plugged in now stays listed, so it is not lost silently.
    const missing = saved && !known.some((d) => d.id === saved);
    return (
      <>
        <option value="">{t('devicesDialog.default')}</option>
        {known.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label || d.id}
          </option>
        ))}
        {missing && <option value={saved}>{t('devicesDialog.missing')}</option>}
      </>
    );
  };
  return (
    <Modal open={open} onClose={onClose} titleId="devices-title">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void choose({ input: input || null, output: output || null });
          onClose();
        }}
      >
        <h2 id="devices-title">{t('devicesDialog.title')}</h2>
        {mode === 'simulator' && <p className="hint">{t('devicesDialog.simulator')}</p>}
        <label className="field">
          <span>{t('devicesDialog.input')}</span>
          <select value={input} onChange={(e) => setInput(e.target.value)}>
            {options(devices?.inputs, settings?.audioInput ?? '')}
          </select>
        </label>
        <label className="field">
          <span>{t('devicesDialog.output')}</span>
          <select value={output} onChange={(e) => setOutput(e.target.value)}>
            {options(devices?.outputs, settings?.audioOutput ?? '')}
          </select>
        </label>
        <FormButtons
          submit={t('devicesDialog.save')}
          close={t('devicesDialog.close')}
          onClose={onClose}
        />
      </form>
    </Modal>
  );
}
