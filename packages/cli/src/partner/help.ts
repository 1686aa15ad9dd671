export const PARTNER_HELP = `Usage: mpp partner add <agency-code> [--password-stdin]
       mpp partner rotate <agency-code> [--password-stdin]
       mpp partner remove <agency-code> [--delete-topic]
       mpp partner list
       mpp partner replay <agency-code> --group <group-id> --from <date | date-time> [--tz <zone>]

A partner agency (Polres, BPJS, …) reads its own Kafka topic mpp.partner.<agency-code>.v1 as
the SCRAM user partner-<agency-code>, with consumer groups whose ids start with
mpp.partner.<agency-code>. — and nothing else: the broker enforces it with ACLs.

  add      creates the partner's topic if missing, its SCRAM-SHA-256 credential and its ACLs
           (READ and DESCRIBE on the topic, READ on the group prefix), and prints what the agency
           needs to connect. The password is shown once: hand it over on a safe channel. Running
           add again changes nothing but the password.
  rotate   gives the partner a new password. The old one is refused from now on for new
           connections; connections already open stay until the broker's
           connections.max.reauth.ms makes them authenticate again (off by default: set it on
           the broker, e.g. 3600000, so rotation takes effect within the hour).
  remove   deletes the partner's ACLs and credential; its topic stays (the router may still
           write to it) unless --delete-topic.
  list     the partners the ACLs know: user, topics, group prefix.
  replay   moves a stopped consumer group of the partner back to the first message at or after
           --from on every partition of its topic (to the end where there is none), so its
           consumers read again from there when they start. Stop the partner's consumers first.

Options:
  --password-stdin  read the password from standard input (one line, at least 16 characters)
                    instead of generating a random one
  --delete-topic    remove: delete the partner's topic and its messages too
  --group <id>      replay: the consumer group, e.g. mpp.partner.polres.sync
  --from <moment>   replay: YYYY-MM-DD (00:00 in --tz) or an ISO date-time
                    (2026-03-01T08:00 in --tz, or 2026-03-01T08:00+08:00)
  --tz <zone>       replay: time zone of --from, an IANA name or an offset (default Asia/Jakarta,
                    WIB; Asia/Makassar is WITA, Asia/Jayapura WIT)

Settings: KAFKA_BROKERS (required), KAFKA_TOPIC_PREFIX, the admin login KAFKA_SASL_MECHANISM
(scram-sha-256|scram-sha-512), KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD; PARTNER_BOOTSTRAP (the
address partners reach, printed for them; default KAFKA_BROKERS); KAFKA_LIBS (Kafka's jars, for
the credential: add, rotate and remove run Kafka's ConfigCommand with java).
On Kubernetes with Strimzi, KafkaUser resources own partner credentials and ACLs: add, rotate
and remove refuse there (MPP_PARTNER_CREDENTIALS=strimzi, the default when KUBERNETES_SERVICE_HOST
is set; kafka-admin overrides); list and replay work everywhere. See docs/partners.md.
`;
