import { create, toBinary, type DescFile, type DescService } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { loadFileDescriptorSetFromBuffer } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { Server } from '@grpc/grpc-js';

/** Every file the services are declared in, with their imports, dependencies first. */
export function filesOf(services: readonly DescService[]): DescFile[] {
  const seen = new Map<string, DescFile>();
  const visit = (file: DescFile) => {
    if (seen.has(file.name)) return;
    for (const dep of file.dependencies) visit(dep);
    seen.set(file.name, file);
  };
  for (const service of services) visit(service.file);
  return [...seen.values()];
}

/**
 * Server reflection (v1 and v1alpha) built from the descriptors protobuf-es embeds in the
 * generated code, so `buf curl` and grpcurl can call any service without the .proto files.
 */
export function addReflection(server: Server, services: readonly DescService[]): void {
  const set = create(FileDescriptorSetSchema, { file: filesOf(services).map((f) => f.proto) });
  const definition = loadFileDescriptorSetFromBuffer(Buffer.from(toBinary(FileDescriptorSetSchema, set)));
  new ReflectionService(definition).addToServer(server);
}
