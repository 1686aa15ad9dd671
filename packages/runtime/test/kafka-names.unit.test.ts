import { ConfigError, readConfig } from '@mpp/config';
import { describe, expect, it } from 'vitest';
import { groupOf, kafkaTopicPrefix, topicOf } from '../src/index.js';

describe('Kafka names', () => {
  it('puts KAFKA_TOPIC_PREFIX in front of every topic and consumer group', () => {
    expect(topicOf('queue')).toBe('mpp.queue.v1');
    expect(groupOf('queue', 'catalog_replica')).toBe('mpp-queue.catalog_replica');
    const { prefix } = readConfig({ prefix: kafkaTopicPrefix }, { KAFKA_TOPIC_PREFIX: 'kendari.' });
    expect(topicOf('queue', prefix)).toBe('kendari.mpp.queue.v1');
    expect(groupOf('queue', 'catalog_replica', prefix)).toBe('kendari.mpp-queue.catalog_replica');
    expect(readConfig({ prefix: kafkaTopicPrefix }, {}).prefix).toBe('');
  });

  it('refuses a prefix Kafka would not take, naming the variable', () => {
    expect(() => readConfig({ prefix: kafkaTopicPrefix }, { KAFKA_TOPIC_PREFIX: 'kota kendari/' })).toThrow(ConfigError);
    expect(() => readConfig({ prefix: kafkaTopicPrefix }, { KAFKA_TOPIC_PREFIX: 'kota kendari/' })).toThrow(/KAFKA_TOPIC_PREFIX/);
  });
});
