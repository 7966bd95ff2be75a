net B02_alarm
{
 // Field case B02 in GeNIe DSL, with CRLF line endings and the sections GeNIe writes.
 HEADER =
  {
   ID = B02_alarm;
   NAME = "B02: burglary, quake and alarm";
   COMMENT = "";
  };
 CREATION =
  {
   CREATOR = "augury tests";
  };
 NUMSAMPLES = 1000;
 SCREEN =
  {
   POSITION = { CENTER_X = 10; CENTER_Y = 10; WIDTH = 76; HEIGHT = 36; };
   COLOR = 16250597;
  };

 node Burglary
  {
   TYPE = CPT;
   HEADER =
    {
     ID = Burglary;
     NAME = "Burglary";
    };
   SCREEN =
    {
     POSITION =
      {
       CENTER_X = 168;
       CENTER_Y = 229;
       WIDTH = 72;
       HEIGHT = 48;
      };
     COLOR = 16250597;
    };
   USER_PROPERTIES =
    {
    };
   DOCUMENTATION =
    {
    };
   PARENTS = ();
   DEFINITION =
    {
     NAMESTATES = (yes, no);
     PROBABILITIES = (0.10000000, 0.90000000);
    };
   EXTRA_DEFINITION =
    {
     DIAGNOSIS_TYPE = AUXILIARY;
     RANKED = FALSE;
     FAULT_STATES = (0, 0);
     FAULT_NAMES = ("", "");
     QUESTION = "";
    };
  };

 node Quake
  {
   TYPE = CPT;
   HEADER =
    {
     ID = Quake;
     NAME = "Earthquake";
    };
   PARENTS = ();
   DEFINITION =
    {
     NAMESTATES = (yes, no);
     PROBABILITIES = (0.2, 0.8);
    };
  };

 node Alarm
  {
   TYPE = CPT;
   HEADER =
    {
     ID = Alarm;
     NAME = "Alarm";
    };
   PARENTS = (Burglary, Quake);
   DEFINITION =
    {
     NAMESTATES = (yes, no);
     /* (yes, yes) (yes, no) (no, yes) (no, no), the child fastest */
     PROBABILITIES = (0.95, 0.05, 0.85, 0.15, 0.30, 0.70, 0.02, 0.98);
    };
  };
 OBSERVATION_COST =
  {
   node Burglary
    {
     PARENTS = ();
     COSTS = (0.00000000);
    };
  };
};
