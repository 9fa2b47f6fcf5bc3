import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/**
 * OpenTelemetry traces, when OTEL_EXPORTER_OTLP_ENDPOINT is set (instrumentation.ts then calls `startTracing`):
 * Next.js's own spans for each request and render, one span per Spintly request attempt, one per database query —
 * exported over OTLP/HTTP to that endpoint (OTEL_SERVICE_NAME names the service; OTEL_EXPORTER_OTLP_HEADERS carries a
 * collector's key, read by the exporter itself). Unset, the SDK is never imported and `traced` is a plain call: off
 * and free. Spans carry endpoint names and parameterised SQL — never ids, bodies, tokens or query values.
 */
const ON = Symbol.for('spintly-portal.tracing-on');
const globals = globalThis as unknown as Record<symbol, boolean | undefined>;
const tracer = () => trace.getTracer('spintly-portal');

export const tracingOn = () => globals[ON] === true;

/** Turns span recording on or off (startTracing turns it on; tests may register their own provider). */
export function setTracing(on: boolean) {
  globals[ON] = on;
}

/** Runs `work` inside a client span named `name` when tracing is on; otherwise just runs it. */
export function traced<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  if (!tracingOn()) return work();
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A finished query as a span (Kysely reports it after the fact, with its duration). */
export function recordQuerySpan(system: 'sqlite' | 'postgresql', sqlText: string, durationMs: number) {
  if (!tracingOn()) return;
  const end = Date.now();
  const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toLowerCase() ?? 'query';
  tracer()
    .startSpan(`db ${operation}`, {
      kind: SpanKind.CLIENT,
      startTime: end - durationMs,
      attributes: { 'db.system.name': system, 'db.operation.name': operation, 'db.query.text': sqlText.slice(0, 2000) },
    })
    .end(end);
}

/** Registers the SDK and the OTLP/HTTP exporter; returns the provider (to flush or shut down). */
export async function startTracing(serviceName: string) {
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  setTracing(true);
  return provider;
}
