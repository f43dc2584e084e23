'use client';
// A client component: init(), validatePayload and the CSV worker, in the browser.
import { useEffect, useState } from 'react';
import { runChecks } from '../check.js';

export default function Checks() {
  const [result, setResult] = useState(null);
  useEffect(() => {
    runChecks().then((checked) => {
      window.bundlerResult = checked;
      setResult(checked);
    });
  }, []);
  return <pre id="client-report">{result === null ? 'checking…' : JSON.stringify(result.payload)}</pre>;
}
