-- TypeORM: @UpdateDateColumn on Customer.
ALTER TABLE "customers" ADD "updatedAt" TIMESTAMP NOT NULL DEFAULT now();
