-- Rails: AddPhoneToCustomers (db/migrate/20261201093000_add_phone_to_customers.rb)
ALTER TABLE "customers" ADD "phone" character varying;
