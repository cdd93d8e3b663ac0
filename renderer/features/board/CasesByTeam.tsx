import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableCode } from '../../../shared/i18n';
import type { ResponseOf } from '../../../shared/ipc';
import { call } from '../../bridge';
import { messageKeyOf } from '../../store/errors';

type Row = ResponseOf<'cases.byTeam'>['teams'][number];

/** Each team's open cases and those overdue, from the CIS; looked at again every minute. */
export function CasesByTeam() {
  const { t } = useTranslation('board');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const { teams } = await call('cases.byTeam', {});
        if (live) {
          setRows(teams);
          setError(null);
        }
      } catch (err) {
        if (live) setError(messageKeyOf(err));
      }
    };
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return (
    <section className="card" aria-labelledby="cases-by-team-title">
      <h2 id="cases-by-team-title">{t('cases.title')}</h2>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {rows?.length === 0 && <p className="muted">{t('cases.none')}</p>}
      {rows && rows.length > 0 && (
        <table>
          <caption>{t('cases.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.team')}</th>
              <th scope="col">{t('cases.open')}</th>
              <th scope="col">{t('cases.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.team}>
                <th scope="row">
                  {t(`teams.names.${r.team}`, { defaultValue: readableCode(r.team) })}
                </th>
                <td className="num">{r.open}</td>
                <td className={`num${r.overdue ? ' error' : ''}`}>{r.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
