export default function ScreenPage({ sessionId }: { sessionId: string; token: string }) {
  return <main>{sessionId}</main>;
}
