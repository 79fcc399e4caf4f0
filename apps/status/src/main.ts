import { runService } from '@slipway/service-runtime';
import { statusService } from './app/status-service';

void runService(statusService);
