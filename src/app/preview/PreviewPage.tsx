// The staff preview of a definition file (#/preview); filled in by the authoring kit.
export default function PreviewPage({ isWatching }: { isWatching: boolean }) {
  return <section className="preview" data-watching={isWatching || undefined} />;
}
