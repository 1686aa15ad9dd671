// What the global setup hands every test file (vitest `provide`/`inject`).
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's one shared PostgreSQL; tests create their own database on it. */
    databaseUrl: string;
    /** Bootstrap servers of the run's one shared Kafka broker; tests create their own topics. */
    kafkaBrokers: string[];
  }
}

export {};
