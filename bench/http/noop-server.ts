import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { validationPipe } from '../../apps/ledger-api/src/http/validation';

/** The yardstick: a validated Nest-on-Fastify route that touches no store, started like the ledger. */
class NoopDto {
  @IsString() @MaxLength(100) firstName!: string;
  @IsString() @MaxLength(100) lastName!: string;
  @IsIn(['F', 'M', 'X', 'U']) sex!: string;
}

@Controller('noop')
class NoopController {
  @Post()
  @HttpCode(201)
  noop(@Body() dto: NoopDto) {
    return { id: dto.firstName, revision: 0, position: '0', warnings: [] };
  }
}

@Module({ controllers: [NoopController] })
class NoopModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(NoopModule, new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalPipes(validationPipe);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('listening');
}

void main();
