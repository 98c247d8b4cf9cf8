// The staff preview (#/preview): pick, drop or paste a definition file; it is checked with the same
// code as `npm run questionnaires -- check`, and shown as patients see it. With ?watch=1 (opened by
// `npm run questionnaires -- preview <file>`) the file comes from that local server and is reloaded
// each time it changes. Needs no register, and stores nothing.
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDefinitionText } from '../../core/check-text.js';
import { PreviewForm } from './PreviewForm.js';
import { ProblemList } from './ProblemList.js';
import './preview.css';

interface Source {
  name: string;
  text: string;
  /** Bumped on every load, so the form starts afresh even when the text is the same. */
  version: number;
}

/** With ?watch=1: the file from the local preview server, loaded again each time it changes. */
function useWatchedFile(isWatching: boolean, load: (name: string, text: string) => void, onFailed: (message: string) => void) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!isWatching) return;
    const fetchFile = async () => {
      try {
        const response = await fetch('/preview-file', { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        load(decodeURIComponent(response.headers.get('X-Preview-File') ?? 'preview-file'), await response.text());
      } catch {
        onFailed(t('preview.watchFailed'));
      }
    };
    void fetchFile();
    const events = new EventSource('/preview-events');
    events.addEventListener('change', () => void fetchFile());
    return () => events.close();
  }, [isWatching, load, onFailed, t]);
}

/** Where a definition comes from without a watching server: a file picked or dropped, or pasted text. */
function SourcePicker({ load, loadFile }: { load: (name: string, text: string) => void; loadFile: (file: File | undefined) => void }) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState('');
  const [isDragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    loadFile(event.dataTransfer.files[0]);
  };
  return (
    <div
      className={`preview-drop${isDragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label>
        {t('preview.chooseFile')}{' '}
        <input type="file" accept=".json,application/json" onChange={(event) => loadFile(event.target.files?.[0])} />
      </label>
      <p className="hint">{t('preview.dropHere')}</p>
      <label className="preview-paste">
        {t('preview.pasteLabel')}
        <textarea rows={6} spellCheck={false} value={pasted} onChange={(event) => setPasted(event.target.value)} />
      </label>
      <button type="button" className="secondary" disabled={pasted.trim() === ''} onClick={() => load(t('preview.pasted'), pasted)}>
        {t('preview.checkPasted')}
      </button>
    </div>
  );
}

export default function PreviewPage({ isWatching }: { isWatching: boolean }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback((name: string, text: string) => {
    setLoadError(null);
    setSource((current) => ({ name, text, version: (current?.version ?? 0) + 1 }));
  }, []);
  useWatchedFile(isWatching, load, setLoadError);

  const loadFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(
      (text) => load(file.name, text),
      () => setLoadError(t('preview.readFailed')),
    );
  };

  const checked = useMemo(() => (source ? checkDefinitionText(source.text) : null), [source]);

  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h1 id="preview-heading">{t('preview.title')}</h1>
      <p>{t('preview.intro')}</p>
      {isWatching ? <p className="notice">{t('preview.watching')}</p> : <SourcePicker load={load} loadFile={loadFile} />}
      {loadError && (
        <p className="notice notice-error" role="alert">
          {loadError}
        </p>
      )}
      {source && checked && (
        <>
          <p className="preview-source">{t('preview.checked', { name: source.name })}</p>
          <ProblemList problems={checked.problems} />
          {checked.parsed && <PreviewForm key={`${source.version}`} definition={checked.parsed.definition} />}
        </>
      )}
    </section>
  );
}
