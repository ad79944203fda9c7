import 'reflect-metadata';
import { projectorProjections } from './projections';
import { ProjectorConfigError } from './projector-config';
import { runProjector } from './run-projector';

runProjector(projectorProjections()).catch((error: unknown) => {
  console.error(error instanceof ProjectorConfigError ? error.message : error);
  process.exit(1);
});
