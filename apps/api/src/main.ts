import { runService } from '@slipway/service-runtime';
import { apiService } from './app/api-service';

void runService(apiService);
