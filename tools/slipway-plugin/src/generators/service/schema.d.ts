export interface ServiceGeneratorSchema {
  name: string;
  port?: number;
  skipFormat?: boolean;
}
