import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

/**
 * OpenAPI at /api/docs (UI) and /api/docs-json: routes from the controllers, and every request body's
 * schema derived from the same class-validator rules that validate it, so the two cannot drift apart.
 */
export function installOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Service Integration Ledger API')
    .setDescription(
      'Commands and queries of the ledger; see api.md for conventions. Errors are application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    refPointerPrefix: '#/components/schemas/',
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(schemas as object) },
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
